// The pages of the app, in navigation order. Each page lives in its own folder under pages/.
import type { ComponentType } from 'react';
import { AblationsPage } from '../pages/ablations/ablations-page';
import { AlertsPage } from '../pages/alerts/alerts-page';
import { ComparePage } from '../pages/compare/compare-page';
import { EvalsPage } from '../pages/evals/evals-page';
import { ProposalsPage } from '../pages/proposals/proposals-page';
import { ReviewPage } from '../pages/review/review-page';
import { RunsPage } from '../pages/runs/runs-page';
import { ScalingPage } from '../pages/scaling/scaling-page';
import { SearchPage } from '../pages/search/search-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { SyncPage } from '../pages/sync/sync-page';
import { TeamPage } from '../pages/team/team-page';

export interface PageEntry {
  id: string;
  title: string;
  component: ComponentType;
}

export const PAGES: PageEntry[] = [
  { id: 'runs', title: 'Runs', component: RunsPage },
  { id: 'compare', title: 'Compare', component: ComparePage },
  { id: 'ablations', title: 'Ablations', component: AblationsPage },
  { id: 'evals', title: 'Evals', component: EvalsPage },
  { id: 'scaling', title: 'Scaling', component: ScalingPage },
  { id: 'proposals', title: 'Proposals', component: ProposalsPage },
  { id: 'team', title: 'Team', component: TeamPage },
  { id: 'review', title: 'Review', component: ReviewPage },
  { id: 'alerts', title: 'Alerts', component: AlertsPage },
  { id: 'sync', title: 'Sync', component: SyncPage },
  { id: 'search', title: 'Search', component: SearchPage },
  { id: 'settings', title: 'Settings', component: SettingsPage },
];
