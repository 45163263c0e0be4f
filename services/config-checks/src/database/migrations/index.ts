import { CreateCheckResults1764300000000 } from './1764300000000-create-check-results';

export const configChecksMigrations = [CreateCheckResults1764300000000];
