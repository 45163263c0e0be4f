import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Command } from 'commander';

interface GlobalOptions {
  gateway: string;
  token?: string;
}

/**
 * The agent's launcher (`agent/bin/rampart-agent.js`, which runs `runAgentCli`), beside the CLI in the workspace
 * (cli/src/commands and cli/dist/commands are both three levels down).
 */
const AGENT_BIN = join(__dirname, '..', '..', '..', 'agent', 'bin', 'rampart-agent.js');

/**
 * Runs the host agent's own command line in a child process rather than importing it: the agent is the program
 * that ships to hosts, its native dependency (koffi, libcrypt) stays out of the CLI, and the CLI (type:gateway) may
 * not depend on the agent project.
 */
export function runAgent(args: readonly string[]): Promise<number> {
  const bin = AGENT_BIN;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

function subcommand(name: string, description: string): Command {
  // Options this wrapper does not name (--no-password-test, --custom-words, --pretty, --dry-run…) go to the agent as given.
  return new Command(name).description(description).option('--root <dir>', 'inspect / fix a mounted system instead of /').allowUnknownOption().allowExcessArguments();
}

const rootArgs = (options: { root?: string }): string[] => (options.root === undefined ? [] : ['--root', options.root]);

/** `rampart agent collect | report | fix`: the host agent, run from the CLI. */
export function agentCommand(): Command {
  const agent = new Command('agent').description('the host agent: collect host facts, report them, apply a baseline fix');

  agent.addCommand(
    subcommand('collect', 'print host facts as JSON (read-only)').action(async (options: { root?: string }, command: Command) => {
      process.exitCode = await runAgent(['collect', ...rootArgs(options), ...command.args]);
    }),
  );

  agent.addCommand(
    subcommand('report', 'collect host facts and submit them with reportHostFacts')
      .option('--instance-id <id>', 'the cloud instance id (e.g. ECS i-…) of this host')
      .action(async (options: { root?: string; instanceId?: string }, command: Command) => {
        const { gateway, token } = command.optsWithGlobals<GlobalOptions>();
        if (!token) {
          process.stderr.write('rampart agent report needs --token (or RAMPART_TOKEN)\n');
          process.exitCode = 2;
          return;
        }
        const instance = options.instanceId === undefined ? [] : ['--instance-id', options.instanceId];
        process.exitCode = await runAgent(['report', ...rootArgs(options), ...instance, '--gateway', gateway, '--token', token, ...command.args]);
      }),
  );

  agent.addCommand(
    subcommand('fix', 'apply a remediation script: --task ID (fetched from fixBaselineResult\'s task) or --script FILE|-')
      .option('--task <id>', 'the BASELINE_FIX task whose remediation to fetch from the gateway')
      .option('--script <file>', 'a remediation script file, or - for stdin')
      .action(async (options: { root?: string; task?: string; script?: string }, command: Command) => {
        const { gateway, token } = command.optsWithGlobals<GlobalOptions>();
        if ((options.task === undefined) === (options.script === undefined)) {
          process.stderr.write('rampart agent fix needs exactly one of --task ID or --script FILE\n');
          process.exitCode = 2;
          return;
        }
        if (options.script !== undefined) {
          process.exitCode = await runAgent(['fix', '--script', options.script, ...rootArgs(options), ...command.args]);
          return;
        }
        if (!token) {
          process.stderr.write('rampart agent fix --task needs --token (or RAMPART_TOKEN)\n');
          process.exitCode = 2;
          return;
        }
        // The agent fetches the task's script, applies it, and reports the host so the server verifies the fix.
        process.exitCode = await runAgent(['fix', '--task', options.task!, ...rootArgs(options), '--gateway', gateway, '--token', token, ...command.args]);
      }),
  );
  return agent;
}
