// The shape of a demo proposal: its front matter, the text of its body, and the events around it.
export type ProposalArea = 'model' | 'data' | 'infra' | 'eval';
export type ProposalKind = 'critical-path' | 'exploratory';
export type ProposalStatus = 'proposed' | 'active' | 'promising' | 'inconclusive' | 'adopted' | 'dropped';
export type DecisionKind = 'adopt' | 'drop' | 'park' | 'continue';

export interface Complexity {
  code: number;
  knobs: number;
  infra: number;
  risk: number;
  usabilityTax: number;
}

/** When an event happened: a day relative to asOf's date and an hour (UTC), or hours before asOf. */
export type EventTime = { day: number; hour: number } | { hoursAgo: number };

export interface ProposalDecisionSpec {
  at: EventTime;
  author: string;
  decision: DecisionKind;
  rationale: string;
}

export interface ProposalCommentSpec {
  at: EventTime;
  author: string;
  text: string;
}

export interface ProposalSpec {
  id: string;
  title: string;
  owner: string;
  area: ProposalArea;
  kind: ProposalKind;
  status: ProposalStatus;
  createdDay: number;
  people: [string, number][];
  chipHours: number;
  expected?: { metric: string; delta: number };
  complexity: Complexity;
  why: string;
  plan: string[];
  snippet: { lang: string; code: string };
  link: { text: string; url: string };
  decisions?: ProposalDecisionSpec[];
  comments?: ProposalCommentSpec[];
  reassessment?: { at: EventTime; author: string; complexity: Complexity; note: string };
}

export const complexity = (code: number, knobs: number, infra: number, risk: number, usabilityTax: number): Complexity => ({
  code,
  knobs,
  infra,
  risk,
  usabilityTax,
});
