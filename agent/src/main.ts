import { runAgentCli } from './cli/agent.cli';

void runAgentCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
