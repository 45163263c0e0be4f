import { Command } from 'commander';
import { tokenCommand } from './commands/token.command';

const program = new Command('rampart')
  .description('Rampart: cloud security posture management for Alibaba Cloud and Linux hosts')
  .option('--gateway <url>', 'gateway GraphQL URL', process.env.RAMPART_GATEWAY ?? 'http://127.0.0.1:4000/graphql')
  .option('--token <token>', 'bearer token (or RAMPART_TOKEN)', process.env.RAMPART_TOKEN);

program.addCommand(tokenCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`rampart: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
