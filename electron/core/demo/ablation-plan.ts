// Ablation runs (every variant × size × seed) and the ablations/<id>.yaml files that describe them.
import { ABLATIONS } from './ablation-catalog';
import type { AblationSpec } from './ablation-catalog';
import type { DemoEvalKey } from './lab-world';
import { DEMO_EVALS } from './lab-world';
import { MODEL_SIZES, modelSize } from './model-sizes';
import type { RunSpec } from './run-builder';
import { yamlString } from './yaml-text';

export const ALL_EVAL_KEYS: DemoEvalKey[] = DEMO_EVALS.map((e) => e.key);

export function defaultSpikeRate(sizeLabel: string): number {
  return 0.05 + 0.08 * MODEL_SIZES.findIndex((s) => s.label === sizeLabel);
}

export function ablationRunSpecs(seedsPerVariant: number): RunSpec[] {
  const specs: RunSpec[] = [];
  for (const ablation of ABLATIONS) {
    ablation.sizes.forEach((label, sizeIndex) => {
      const size = modelSize(label);
      for (const variant of ablation.variants) {
        for (let seed = 1; seed <= seedsPerVariant; seed++) {
          const running = ablation.running?.find((r) => r.size === label && r.variant === variant.label && r.seed === seed);
          specs.push({
            key: `${ablation.id}/${variant.label}/${label}/s${seed}`,
            name: `${ablation.id} ${variant.label} ${label} s${seed}`,
            group: ablation.group,
            owner: ablation.owner,
            proposal: ablation.proposal,
            ablation: ablation.id,
            variant: variant.label,
            seed,
            tags: ['ablation', ablation.group],
            size,
            tokensPerParam: variant.tokensPerParam ?? 20,
            mixture: variant.mixture ?? 'web-v5',
            evalKeys: ALL_EVAL_KEYS,
            createdDay: ablation.startDay + sizeIndex * ablation.daysPerSize,
            batchTokens: variant.batchTokens,
            optimizer: variant.optimizer,
            arch: variant.arch,
            flopsOverhead: variant.flopsOverhead,
            effects: {
              loss: variant.loss?.[label] ?? 0,
              code: variant.code?.[label] ?? 0,
              publicBoost: variant.publicBoost ?? 0,
              arcArtefact: variant.arcArtefact ?? 0,
              tokenEfficiency: variant.tokenEfficiency ?? 1,
            },
            spikeRate: variant.spikeRate ?? defaultSpikeRate(label),
            fate: running ? { kind: 'running', progress: running.progress, minutesAgo: running.minutesAgo } : undefined,
          });
        }
      }
    });
  }
  return specs;
}

export function renderAblationYaml(ablation: AblationSpec): string {
  return [
    `id: ${ablation.id}`,
    `title: ${yamlString(ablation.title)}`,
    `question: ${yamlString(ablation.question)}`,
    `proposal: ${ablation.proposal}`,
    `owner: ${ablation.owner}`,
    `metric: ${ablation.metric}`,
    `compare_at: ${ablation.compareAt}`,
    `baseline: ${ablation.variants[0].label}`,
    '',
  ].join('\n');
}
