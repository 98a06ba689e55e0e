// textDocument/hover and textDocument/inlayHint: the numbers behind a manifest, from the engine's explanations
// (engine/explain) of the validator's model of the document, judged in the same project as its diagnostics.
// Here only conversion: offsets to positions, sentences to Markdown, places to links, rule ids to docs links,
// the timeline target to a command link.
import * as path from 'path';
import {
  MarkupKind,
  type Hover,
  type HoverParams,
  type InlayHint,
  type InlayHintParams,
  type Location,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultHints, explainAt, type Explanation, type ExplanationLine, type Place } from '../engine';
import { SHOW_ROLLOUT_COMMAND } from '../../../protocol/src';
import type { DocsLinks } from './diagnostics';
import type { AnalysisSource } from './rolloutTimeline';
import type { SettingsStore } from './settings';

/** Finds where a place in another file is (the workspace index knows the files it read). */
export type PlaceLocator = (file: string, start: number, end: number) => Location | undefined;

/** A command link VS Code runs from a trusted hover (the client enables exactly this command). */
export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Markdown link text may not hold brackets; names rarely do, but the text must stay a link. */
function linkText(text: string): string {
  return text.replace(/[[\]\\]/g, '\\$&');
}

export class ExplainProvider {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisSource,
    private readonly settings: SettingsStore,
    private readonly links: DocsLinks,
    private readonly locateElsewhere: PlaceLocator,
  ) {}

  async hover(params: HoverParams): Promise<Hover | null> {
    const uri = params.textDocument.uri;
    const analysis = await this.analyses.current(uri);
    const document = this.documents.get(uri);
    if (!analysis || !document || analysis.version !== document.version) return null;
    const { linter } = analysis;
    const explanation = explainAt(linter.model, linter.project(), document.offsetAt(params.position), linter.isPatchFile);
    if (!explanation) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: this.markdown(document, explanation) },
      range: { start: document.positionAt(explanation.range[0]), end: document.positionAt(explanation.range[1]) },
    };
  }

  async inlayHints(params: InlayHintParams): Promise<InlayHint[]> {
    const uri = params.textDocument.uri;
    const settings = await this.settings.get(uri);
    if (settings.inlayHints === 'off') return [];
    const analysis = await this.analyses.current(uri);
    const document = this.documents.get(uri);
    if (!analysis || !document || analysis.version !== document.version) return [];
    const { linter } = analysis;
    const range: [number, number] = [document.offsetAt(params.range.start), document.offsetAt(params.range.end)];
    return defaultHints(linter.model, linter.project(), { patchFile: linter.isPatchFile, mode: settings.inlayHints, range }).map(
      (hint): InlayHint => ({
        position: document.positionAt(hint.offset),
        label: hint.label,
        tooltip: { kind: MarkupKind.Markdown, value: hint.tooltip.split('\n').join('  \n') },
        paddingLeft: true,
      }),
    );
  }

  private markdown(document: TextDocument, explanation: Explanation): string {
    const lines = explanation.lines.map((line) => `- ${line.text}${this.placeLink(document, line)}`);
    const links = explanation.ruleIds.map((id) => `[${id}](${this.links.href(id)})`);
    const { timeline } = explanation;
    if (timeline) {
      links.push(
        `[Show rollout timeline](${commandLink(SHOW_ROLLOUT_COMMAND, [document.uri, timeline.docIndex, timeline.kind, timeline.name ?? null])})`,
      );
    }
    return [`**${explanation.title}**`, lines.join('\n'), links.join(' · ')].filter((part) => part !== '').join('\n\n');
  }

  /** " ([hpa.yaml:5](file:///…/hpa.yaml#L5))": where the object a line names is. */
  private placeLink(document: TextDocument, line: ExplanationLine): string {
    const location = line.place && this.locate(document, line.place);
    if (!location) return '';
    const lineNumber = location.range.start.line + 1;
    const label = location.uri === document.uri ? `line ${lineNumber}` : `${path.posix.basename(location.uri)}:${lineNumber}`;
    return ` ([${linkText(decodeURIComponent(label))}](${location.uri}#L${lineNumber}))`;
  }

  private locate(document: TextDocument, place: Place): Location | undefined {
    if (place.file === undefined) {
      return { uri: document.uri, range: { start: document.positionAt(place.start), end: document.positionAt(place.end) } };
    }
    return this.locateElsewhere(place.file, place.start, place.end);
  }
}
