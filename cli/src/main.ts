import { Command } from 'commander';
import { tokenCommand } from './commands/token.command';
import { scanCommand } from './commands/scan.command';
import { resultsCommand } from './commands/results.command';
import { agentCommand } from './commands/agent.command';
import { importCommand } from './commands/import.command';

const program = new Command('rampart')
  .description('Rampart: cloud security posture management for Alibaba Cloud and Linux hosts')
  .option('--gateway <url>', 'gateway GraphQL URL', process.env.RAMPART_GATEWAY ?? 'http://127.0.0.1:4000/graphql')
  .option('--token <token>', 'bearer token (or RAMPART_TOKEN)', process.env.RAMPART_TOKEN);

program.addCommand(tokenCommand());
program.addCommand(scanCommand());
program.addCommand(resultsCommand());
program.addCommand(agentCommand());
program.addCommand(importCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`rampart: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
