import { Controller, Get, Res } from '@nestjs/common';
import { metricsExposition } from './metrics';

interface PlainResponse {
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** `/metrics`: Prometheus exposition of the process's metrics (internal port; not behind the gateway). */
@Controller()
export class MetricsController {
  @Get('metrics')
  async metrics(@Res() res: PlainResponse): Promise<void> {
    const { contentType, body } = await metricsExposition();
    res.setHeader('content-type', contentType);
    res.end(body);
  }
}
