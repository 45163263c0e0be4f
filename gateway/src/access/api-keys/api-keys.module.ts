import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeysResolver } from './api-keys.resolver';
import { API_KEY_PEPPER, ApiKeysService } from './api-keys.service';

@Module({})
export class ApiKeysModule {
  static forRoot(pepper: string): DynamicModule {
    return {
      module: ApiKeysModule,
      providers: [ApiKeysResolver, ApiKeysService, { provide: API_KEY_PEPPER, useValue: pepper }],
    };
  }
}
