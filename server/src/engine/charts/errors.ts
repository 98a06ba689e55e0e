// What Helm refuses, as notices at the place it names: a template that does not parse, `fail`, `required`, a
// function not implemented, a chart it will not render at all. Helm's wording is kept; the range is widened to
// the action (or the rest of the line) so an editor can underline it.
import type { ChartError, RenderedTemplate } from '../render/helm';
import type { ProjectFiles } from '../model/origin';
import type { Notice, NoticeReason } from '../types';

/** A notice placed in a file of the chart (a project path); offsets are that file's. */
export interface ChartNotice extends Notice {
  file: string;
}

export function chartErrorNotice(error: ChartError, files: ProjectFiles): ChartNotice {
  return placed('chart-error', `Helm does not render this chart: ${error.message}`, error, files);
}

/**
 * The notices of a template Helm cannot render: at the place of the error, and, when that place is in another
 * file (a helper), also at the template's first line, so the template does not look judged and clean.
 */
export function templateErrorNotices(template: RenderedTemplate, files: ProjectFiles): ChartNotice[] {
  const error = template.error;
  if (!error) return [];
  const notices = [placed('template-error', `Helm cannot render ${template.template}: ${error.message}`, error, files)];
  if (error.file !== template.file) {
    notices.push(
      placed(
        'template-error',
        `Not checked: Helm cannot render this template: ${error.message}`,
        { ...error, file: template.file, start: 0, end: 0 },
        files,
      ),
    );
  }
  return notices;
}

function placed(reason: NoticeReason, message: string, error: ChartError, files: ProjectFiles): ChartNotice {
  const text = files.readText(error.file) ?? '';
  const [start, end] = visible(text, Math.min(error.start, text.length), Math.min(Math.max(error.end, error.start), text.length));
  return { reason, message, file: error.file, start, end, docIndex: -1 };
}

/** The action holding `start`, else its line without the indentation (the last line with text, at a blank one). */
export function visible(text: string, start: number, end: number): [number, number] {
  if (end > start) return [start, end];
  let lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  while (text.slice(lineStart, lineEnd).trim() === '' && lineStart > 0) {
    lineEnd = lineStart - 1;
    lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
  }
  const open = text.lastIndexOf('{{', start);
  const close = text.indexOf('}}', Math.max(open, 0));
  if (open >= lineStart && close >= 0 && close + 2 <= lineEnd && start <= close + 2) return [open, close + 2];
  const line = text.slice(lineStart, lineEnd);
  const from = lineStart + (line.length - line.trimStart().length);
  const to = lineStart + line.trimEnd().length;
  return to > from ? [from, to] : [Math.min(start, text.length), Math.min(start + 1, text.length)];
}
