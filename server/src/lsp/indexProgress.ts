// The workspace index's first scan, shown while it runs on a large repository: LSP work-done progress (VS Code
// puts it in the status bar) with the count of files read and found, begun once the scan has found enough files
// to take a while, ended when every folder is scanned. Counted in files, never timed.
import type { Connection, InitializeParams, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** Progress is reported every this many files. */
const STEP = 50;

export class IndexProgress {
  private supported = false;
  private found = 0;
  private read = 0;
  private finished = false;
  private reporter?: Promise<WorkDoneProgressServerReporter | undefined>;

  constructor(
    private readonly connection: Connection,
    /** Begin showing once the scan has found this many files. */
    private readonly minFiles: number,
  ) {}

  initialize(params: InitializeParams): void {
    this.supported = params.capabilities.window?.workDoneProgress === true;
  }

  /** The scan found a file to read. */
  fileFound(): void {
    this.found++;
    if (this.found >= this.minFiles) this.show();
  }

  /** The scan read a file it had found. */
  fileRead(): void {
    this.read++;
    if (this.read % STEP === 0) void this.reporter?.then((reporter) => reporter?.report(this.percentage(), this.message()));
  }

  /** Every folder is scanned: the indicator goes. */
  done(): void {
    this.finished = true;
    void this.reporter?.then((reporter) => reporter?.done());
  }

  private show(): void {
    if (!this.supported || this.reporter || this.finished) return;
    this.reporter = this.connection.window.createWorkDoneProgress().then(
      (reporter) => {
        // The scan may have ended while the client created the indicator: begin and end it all the same.
        reporter.begin('Indexing YAML files', this.percentage(), this.message(), false);
        if (this.finished) reporter.done();
        return reporter;
      },
      () => undefined,
    );
  }

  private percentage(): number {
    return Math.min(100, Math.floor((100 * this.read) / Math.max(1, this.found)));
  }

  private message(): string {
    return `${this.read} of ${this.found} files`;
  }
}
