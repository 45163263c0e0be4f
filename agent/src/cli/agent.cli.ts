import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { collectHostFacts, type CollectOptions } from '../collect/host-facts.collector';
import { applyRemediation, parseRemediationScript } from '../fix/remediation.runner';
import { parseWordList } from '../weak-password/password-dictionary';
import { reportHostFacts } from './host-facts.reporter';
import { fetchCustomWords } from './custom-words.fetcher';
import { readEcsInstanceId } from './ecs-instance-id.reader';
import type { GatewayOptions } from './gateway.query';
import { fetchRemediation } from './remediation.fetcher';

const USAGE = `Usage: rampart-agent <command> [options]

Commands:
  collect            print host facts as JSON (read-only)
  report             collect and submit to the gateway (reportHostFacts)
  fix --script FILE  apply a remediation script (FILE or - for stdin), verify, restore on failure
  fix --task ID      fetch the BASELINE_FIX task's script from the gateway, apply it, then report the host's facts
                     so the server verifies the fix

Options:
  --root DIR                 inspect / fix a mounted system instead of /
  --budget-ms N              fact collection budget (default 20000)
  --password-budget-ms N     dictionary test budget (default 120000)
  --no-password-test         skip the weak-password dictionary test
  --dictionary FILE          replace the shipped dictionary
  --custom-words FILE        extra words, one per line (report and fix --task also fetch the tenant's words)
  --gateway URL --token T    gateway and token for report and fix --task (or RAMPART_GATEWAY / RAMPART_TOKEN)
  --instance-id ID           cloud instance id sent with report (default on a live ECS host: its metadata service)
  --backup-dir DIR           fix: where backups go (default /var/backups/rampart/<task>)
  --dry-run                  fix: print the script, change nothing
  --pretty                   indent JSON output
`;

/** Runs the agent command line; returns the exit code. Output goes to the given streams (stdout gets JSON only). */
export async function runAgentCli(argv: readonly string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        'budget-ms': { type: 'string' },
        'password-budget-ms': { type: 'string' },
        'no-password-test': { type: 'boolean' },
        dictionary: { type: 'string' },
        'custom-words': { type: 'string' },
        gateway: { type: 'string' },
        token: { type: 'string' },
        'instance-id': { type: 'string' },
        script: { type: 'string' },
        task: { type: 'string' },
        'backup-dir': { type: 'string' },
        'dry-run': { type: 'boolean' },
        pretty: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help === true || command === undefined) {
    io.stderr.write(USAGE);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const number = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
  const collectOptions: CollectOptions = {
    root: values.root,
    budgetMs: number(values['budget-ms']),
    passwordBudgetMs: number(values['password-budget-ms']),
    skipPasswordTest: values['no-password-test'],
    dictionaryPath: values.dictionary,
    customWords: values['custom-words'] === undefined ? undefined : parseWordList(fs.readFileSync(values['custom-words'], 'utf8')),
  };
  /** The tenant's custom words join any --custom-words file when the facts go to the gateway. */
  const withTenantWords = async (gateway: GatewayOptions): Promise<CollectOptions> =>
    collectOptions.skipPasswordTest === true ? collectOptions : { ...collectOptions, customWords: [...(collectOptions.customWords ?? []), ...(await fetchCustomWords(gateway))] };
  /** The instance id to report: as given, else on a live host the ECS metadata service's answer (a mounted root is another machine). */
  const instanceId = async (): Promise<string | undefined> => values['instance-id'] ?? (values.root === undefined ? readEcsInstanceId() : undefined);
  const gatewayOf = (): GatewayOptions | null => {
    const gateway = values.gateway ?? process.env.RAMPART_GATEWAY;
    const token = values.token ?? process.env.RAMPART_TOKEN;
    if (gateway !== undefined && token !== undefined) return { gateway, token };
    io.stderr.write(`${command} needs --gateway and --token (or RAMPART_GATEWAY / RAMPART_TOKEN)\n`);
    return null;
  };
  const json = (value: unknown): string => `${JSON.stringify(value, null, values.pretty === true ? 2 : undefined)}\n`;
  try {
    switch (command) {
      case 'collect': {
        io.stdout.write(json(await collectHostFacts(collectOptions)));
        return 0;
      }
      case 'report': {
        const gateway = gatewayOf();
        if (gateway === null) return 2;
        const facts = await collectHostFacts(await withTenantWords(gateway));
        const id = await reportHostFacts(facts, { ...gateway, instanceId: await instanceId() });
        io.stdout.write(json({ hostId: id, hostname: facts.hostname, durationMs: facts.durationMs }));
        return 0;
      }
      case 'fix': {
        if ((values.script === undefined) === (values.task === undefined)) {
          io.stderr.write('fix needs exactly one of --script FILE (or - for stdin) and --task ID\n');
          return 2;
        }
        const gateway = values.task === undefined ? null : gatewayOf();
        if (values.task !== undefined && gateway === null) return 2;
        const source = gateway === null ? JSON.parse(fs.readFileSync(values.script === '-' ? 0 : values.script!, 'utf8')) : await fetchRemediation(values.task!, gateway);
        const script = parseRemediationScript(source);
        const fixOptions = gateway === null || values['dry-run'] === true ? collectOptions : await withTenantWords(gateway);
        const result = await applyRemediation(script, {
          root: values.root,
          backupDir: values['backup-dir'],
          dryRun: values['dry-run'],
          collect: { budgetMs: fixOptions.budgetMs, passwordBudgetMs: fixOptions.passwordBudgetMs, dictionaryPath: fixOptions.dictionaryPath, customWords: fixOptions.customWords },
        });
        if (result.status === 'DRY_RUN') {
          io.stdout.write(result.script);
          return 0;
        }
        const { facts, ...summary } = result;
        // The server verifies a fix task on the next report: full facts (with the dictionary test), fixed or restored.
        const reported = gateway === null ? undefined : await reportHostFacts(await collectHostFacts(fixOptions), { ...gateway, instanceId: await instanceId() });
        io.stdout.write(json({ ...summary, script: undefined, factsCollectedAt: facts?.collectedAt, reportedHostId: reported }));
        return result.status === 'APPLIED' ? 0 : 1;
      }
      default:
        io.stderr.write(`unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.stderr.write(`rampart-agent ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
