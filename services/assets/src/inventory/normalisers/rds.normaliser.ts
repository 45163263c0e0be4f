import type { Asset, RdsInstanceConfiguration, RdsNetInfo } from '@rampart/asset-model';
import { link, type Body, type NormaliseContext } from '../normalise-context';
import type { JsonObject, ResponseReader } from '../response-reader';
import { actionsOf, type ProductNormaliser } from './product-normaliser';
import { splitIpList, whitelistGroup } from './whitelist.reader';

const P = 'Rds';

/** RDS instances with whitelist groups, SSL, TDE, SQL audit, running parameters, connection strings and backups. */
export const rdsNormaliser: ProductNormaliser = {
  name: 'rds',
  actions: actionsOf(P, [
    'DescribeDBInstances', 'DescribeDBInstanceAttribute', 'DescribeDBInstanceIPArrayList', 'DescribeDBInstanceSSL',
    'DescribeDBInstanceTDE', 'DescribeSQLCollectorPolicy', 'DescribeSQLCollectorRetention', 'DescribeParameters',
    'DescribeDBInstanceNetInfo', 'DescribeBackupPolicy',
  ]),
  normalise(ctx) {
    for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeDBInstances')) {
      const region = ic.call.region;
      for (const { value: d, at } of reader.list(body, 'Items', 'DBInstance', '')) {
        const dbInstanceId = reader.id(d, 'DBInstanceId', at);
        if (dbInstanceId === null) continue;
        const instanceRegion = region ?? reader.str(d, 'RegionId', at);
        const config: RdsInstanceConfiguration = {
          dbInstanceId,
          engine: reader.str(d, 'Engine', at) ?? 'Unknown',
          engineVersion: reader.str(d, 'EngineVersion', at) ?? '',
          status: reader.str(d, 'DBInstanceStatus', at) ?? 'Unknown',
          instanceNetworkType: reader.str(d, 'InstanceNetworkType', at) ?? 'VPC',
          vpcId: reader.str(d, 'VpcId', at),
          vSwitchId: reader.str(d, 'VSwitchId', at),
          netInfo: [],
          publicConnection: false,
          whitelistGroups: [],
          ssl: { enabled: false, forceEncryption: false, expireTime: null },
          tde: { status: 'Disabled', encryptionKey: null, byok: false },
          sqlCollector: { status: 'Disabled', retentionDays: null },
          parameters: {},
          backup: { backupRetentionPeriod: null, preferredBackupPeriod: [], enableBackupLog: null, logBackupRetentionPeriod: null },
        };
        const asset = ctx.emit(ctx.newAsset('rdsInstance', 'RDS', instanceRegion, instanceRegion, dbInstanceId, reader.str(d, 'DBInstanceDescription', at), {}, config));
        if (asset.configuration !== config) continue;
        readDetails(ctx, asset, config, dbInstanceId);
        if (config.vpcId !== null) link(asset, 'IN_VPC', ctx.id('vpc', instanceRegion, config.vpcId));
        if (config.vSwitchId !== null) link(asset, 'IN_VSWITCH', ctx.id('vSwitch', instanceRegion, config.vSwitchId));
        if (config.tde.encryptionKey !== null) link(asset, 'ENCRYPTED_WITH', ctx.id('kmsKey', instanceRegion, config.tde.encryptionKey));
      }
    }
  },
};

function detail(ctx: NormaliseContext, asset: Asset, fields: string[], action: string, id: string): Body[] {
  const outcome = ctx.detail(P, action, 'DBInstanceId', id);
  ctx.noteOutcome(asset, fields, `${P}:${action}`, outcome);
  return ctx.answered(outcome);
}

function readDetails(ctx: NormaliseContext, asset: Asset, config: RdsInstanceConfiguration, id: string): void {
  // DescribeDBInstanceAttribute only refines what the list already said; nothing depends on it alone.
  for (const { reader, body } of ctx.answered(ctx.detail(P, 'DescribeDBInstanceAttribute', 'DBInstanceId', id))) {
    for (const { value: a, at } of reader.list(body, 'Items', 'DBInstanceAttribute', '')) {
      config.engineVersion = reader.str(a, 'EngineVersion', at) ?? config.engineVersion;
      config.status = reader.str(a, 'DBInstanceStatus', at) ?? config.status;
      config.vpcId = reader.str(a, 'VpcId', at) ?? config.vpcId;
      config.vSwitchId = reader.str(a, 'VSwitchId', at) ?? config.vSwitchId;
    }
  }

  for (const { reader, body } of detail(ctx, asset, ['whitelistGroups'], 'DescribeDBInstanceIPArrayList', id)) {
    for (const { value: g, at } of reader.list(body, 'Items', 'DBInstanceIPArray', '')) {
      config.whitelistGroups.push(whitelistGroup(
        reader.str(g, 'DBInstanceIPArrayName', at), reader.str(g, 'DBInstanceIPArrayAttribute', at),
        reader.str(g, 'SecurityIPType', at), reader.str(g, 'SecurityIPList', at),
      ));
    }
  }

  for (const { reader, body } of detail(ctx, asset, ['ssl'], 'DescribeDBInstanceSSL', id)) {
    const expireTime = reader.str(body, 'SSLExpireTime', '');
    const enabled = reader.bool(body, 'SSLEnabled', '', ['yes', 'on', '1', 'enabled', 'enable'], ['no', 'off', '0', 'disabled', 'disable']);
    config.ssl = {
      // Older engines omit SSLEnabled; a certificate expiry then means SSL is on.
      enabled: enabled ?? expireTime !== null,
      forceEncryption: reader.bool(body, 'ForceEncryption', '', ['1', 'on', 'yes'], ['0', 'off', 'no']) ?? false,
      expireTime,
    };
  }

  for (const { reader, body } of detail(ctx, asset, ['tde'], 'DescribeDBInstanceTDE', id)) {
    const encryptionKey = reader.str(body, 'EncryptionKey', '');
    const mode = reader.str(body, 'TDEMode', '');
    config.tde = {
      status: reader.str(body, 'TDEStatus', '') ?? 'Disabled',
      encryptionKey,
      // A customer key shows as TDEMode naming BYOK/customer; without TDEMode, a named key is the customer's.
      byok: mode !== null ? /byok|customer|user/i.test(mode) : encryptionKey !== null,
    };
  }

  let storagePeriod: number | null = null;
  for (const { reader, body } of detail(ctx, asset, ['sqlCollector.status'], 'DescribeSQLCollectorPolicy', id)) {
    config.sqlCollector.status = reader.str(body, 'SQLCollectorStatus', '') ?? 'Disabled';
    storagePeriod = reader.num(body, 'StoragePeriod', '');
  }
  // Retention (days) is DescribeSQLCollectorRetention's ConfigValue; the policy's StoragePeriod says the same on newer engines.
  const retention = ctx.detail(P, 'DescribeSQLCollectorRetention', 'DBInstanceId', id);
  if (retention.kind === 'answered') {
    for (const { reader, body } of ctx.answered(retention)) config.sqlCollector.retentionDays = reader.num(body, 'ConfigValue', '') ?? storagePeriod;
  } else if (storagePeriod !== null) {
    config.sqlCollector.retentionDays = storagePeriod;
  } else {
    ctx.noteOutcome(asset, ['sqlCollector.retentionDays'], `${P}:DescribeSQLCollectorRetention`, retention);
  }

  for (const { reader, body } of detail(ctx, asset, ['parameters'], 'DescribeParameters', id)) {
    for (const { value: p, at } of reader.list(body, 'RunningParameters', 'DBInstanceParameter', '')) {
      const name = reader.str(p, 'ParameterName', at);
      if (name !== null) config.parameters[name] = reader.str(p, 'ParameterValue', at) ?? '';
    }
  }

  for (const { reader, body } of detail(ctx, asset, ['netInfo', 'publicConnection'], 'DescribeDBInstanceNetInfo', id)) {
    for (const { value: n, at } of reader.list(body, 'DBInstanceNetInfos', 'DBInstanceNetInfo', '')) {
      const info = readNetInfo(reader, n, at);
      if (info === null) continue;
      config.netInfo.push(info);
      if (info.ipType.toLowerCase() === 'public') config.publicConnection = true;
    }
  }

  for (const { reader, body } of detail(ctx, asset, ['backup'], 'DescribeBackupPolicy', id)) {
    config.backup = {
      backupRetentionPeriod: reader.num(body, 'BackupRetentionPeriod', ''),
      preferredBackupPeriod: splitIpList(reader.str(body, 'PreferredBackupPeriod', '')),
      enableBackupLog: reader.bool(body, 'EnableBackupLog', '', ['1', 'enable', 'enabled', 'yes'], ['0', 'disable', 'disabled', 'no']),
      logBackupRetentionPeriod: reader.num(body, 'LogBackupRetentionPeriod', ''),
    };
  }
}

function readNetInfo(reader: ResponseReader, n: JsonObject, at: string): RdsNetInfo | null {
  const connectionString = reader.id(n, 'ConnectionString', at);
  if (connectionString === null) return null;
  return {
    connectionString,
    ipAddress: reader.str(n, 'IPAddress', at),
    ipType: reader.str(n, 'IPType', at) ?? 'Private',
    port: reader.num(n, 'Port', at),
  };
}

