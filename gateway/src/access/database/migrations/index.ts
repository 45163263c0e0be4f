import { CreateApiKeys1764500000000 } from './1764500000000-create-api-keys';
import { CreateRateLimitBuckets1764500000100 } from './1764500000100-create-rate-limit-buckets';

export const accessMigrations = [CreateApiKeys1764500000000, CreateRateLimitBuckets1764500000100];
