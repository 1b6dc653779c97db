// The benchmark sections, in the order the table prints them. Each returns rows measured in this run.
import type { BenchRow } from '../bench-row';
import { runAlertsBench } from './alerts';
import { runSyncBench } from './sync';
import { runScalingBench } from './scaling';
import { runScalingWorkerBench } from './scaling-worker';
import { runSearchBench } from './search';
import { runSearchIsolationBench } from './search-isolation';
import { runTensorboardBench } from './tensorboard';
import { runWandbBench } from './wandb';
import { runChartsBench } from './charts';
import { runServeLoadBench } from './serve-load';
import { runStorageBench } from './storage';
import { runTeamServerBench } from './team-server';

export interface BenchSection {
  name: string;
  run(): Promise<BenchRow[]>;
}

export const benchSections: BenchSection[] = [
  { name: 'sync', run: runSyncBench },
  { name: 'tensorboard', run: runTensorboardBench },
  { name: 'wandb', run: runWandbBench },
  { name: 'scaling', run: runScalingBench },
  { name: 'scaling-worker', run: runScalingWorkerBench },
  { name: 'charts', run: runChartsBench },
  { name: 'serve-load', run: runServeLoadBench },
  { name: 'team-server', run: runTeamServerBench },
  { name: 'search', run: runSearchBench },
  { name: 'search-isolation', run: runSearchIsolationBench },
  { name: 'alerts', run: runAlertsBench },
  { name: 'storage', run: runStorageBench },
];
