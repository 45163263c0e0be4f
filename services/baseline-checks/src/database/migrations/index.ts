import { CreateHosts1764300000000 } from './1764300000000-create-hosts';
import { CreateBaselineResults1764300000001 } from './1764300000001-create-baseline-results';
import { MeterBaselineTasks1764300000002 } from './1764300000002-meter-baseline-tasks';

export const baselineChecksMigrations = [CreateHosts1764300000000, CreateBaselineResults1764300000001, MeterBaselineTasks1764300000002];
