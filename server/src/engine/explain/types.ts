// What the editor shows next to the numbers of a manifest: plain data, offsets into the linted text, sentences
// in plain text (field names in backticks). The language server turns them into hovers and inlay hints.

/** An object elsewhere that a sentence names: in another file, or in this text when `file` is absent. */
export interface Place {
  file?: string;
  start: number;
  end: number;
}

export interface ExplanationLine {
  text: string;
  /** The object the sentence is about, to link to. */
  place?: Place;
}

/** The Deployment or StatefulSet whose rollout timeline shows the numbers at work. */
export interface TimelineTarget {
  docIndex: number;
  kind: 'Deployment' | 'StatefulSet';
  name?: string;
}

/** What a number under the cursor comes to: a hover. */
export interface Explanation {
  /** The entry it is about (key to scalar value), offsets into the text. */
  range: [number, number];
  title: string;
  lines: ExplanationLine[];
  /** Rules whose docs explain these numbers. */
  ruleIds: string[];
  timeline?: TimelineTarget;
}

/**
 * A Kubernetes default that decides a rollout, shown where the field is left out: an inlay hint. One value per
 * hint (editors cut long labels short); several at one place follow each other, a comma ending all but the last.
 */
export interface DefaultHint {
  /** Where it goes: the end of the line of the entry it is about. */
  offset: number;
  label: string;
  /** Where the value comes from. */
  tooltip: string;
  /** False for a hint about a value that is written down (what a percentage comes to), shown only on request. */
  implicit: boolean;
}

/** Which hints to give: the defaults of omitted fields, also what explicit values come to, or none. */
export type HintMode = 'implicit' | 'all' | 'off';

/** What the sentences assume about the app and the cluster: the rollout timeline's assumptions. */
export interface Assumed {
  appStartSeconds: number;
  podStartSeconds: number;
  propagationSeconds: number;
}
