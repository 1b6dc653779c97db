// Which way a metric improves: losses, perplexities and error rates downwards; accuracies and
// scores upwards. Unknown names are taken as losses, the common case in pretraining.
export function metricDirection(metric: string): 'lower' | 'higher' {
  if (/(loss|perplexity|ppl|error|err|bpb|bits|nll|wer|cer)/i.test(metric)) return 'lower';
  if (/(acc|score|f1|exact|pass|win|bleu|rouge|auc|recall|precision)/i.test(metric)) return 'higher';
  return 'lower';
}
