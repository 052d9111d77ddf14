import { Unit } from '../auth/entities/unit.entity';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { ROBOT_KINDS, RobotKind, UnitRobot } from '../notifications/entities/unit-robot.entity';
import { OutboundPolicy, OutboundRefusedError } from '../publishing/outbound/outbound-policy';
import { CliCommand } from './cli-command';
import { parseArgs, single, UsageError } from './cli-args';
import { secretArgument } from './secret-input';

/** Where a robot posts, without its key or token (which are the credential and are never printed). */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/hook\/.+$/, '/hook/…')}${parsed.search ? '?…' : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

export const unitRobotAdd: CliCommand = {
  name: 'unit:robot-add',
  usage: 'unit:robot-add --unit <code> --kind wecom|dingtalk|feishu --url <webhook URL> [--secret-stdin]',
  summary: "add a group robot (企业微信 / 钉钉 / 飞书) that hears the unit's notifications; DingTalk 加签 and Feishu 签名校验 secrets from standard input",
  async run(argv, ctx) {
    const { orm, config, out } = ctx;
    const args = parseArgs(argv, ['unit', 'kind', 'url', 'secret'], ['secret-stdin']);
    if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
    const code = single(args, 'unit');
    const kind = single(args, 'kind') as RobotKind;
    if (!ROBOT_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${ROBOT_KINDS.join(', ')}`);
    const url = single(args, 'url');
    const secret = await secretArgument(args, ctx, 'secret', false);
    if (kind === 'wecom' && secret) throw new UsageError('a WeCom group robot does not sign: its key is part of --url; give no secret');
    try {
      // The same check as a unit's own channel, now and again on every connection: a robot URL is a credential-bearing target, not a place to reach the LAN.
      await new OutboundPolicy(config.outbound.allow).assertAllowed(url, '--url');
    } catch (error) {
      if (error instanceof OutboundRefusedError) throw new UsageError(error.message);
      throw error;
    }
    const robot = await inTransaction(orm.em, async ({ em }) => {
      const unit = await em.findOne(Unit, { code });
      if (!unit) throw new UsageError(`unit ${code} does not exist`);
      const row = em.create(UnitRobot, { unit, kind, url, secret: secret ?? null });
      await new AuditService(config).append(em, { actor: auditActor('cli'), action: 'unit.robot_added', data: { unit: code, robot: row.id, kind, url: describeUrl(url), signed: Boolean(secret) } });
      return row;
    });
    out(`robot added: ${robot.id} ${kind} ${describeUrl(url)}${secret ? ' (signed)' : ''} for unit ${code}`);
    return 0;
  },
};

export const unitRobotList: CliCommand = {
  name: 'unit:robot-list',
  usage: 'unit:robot-list [--unit <code>]',
  summary: "every group robot with its unit and kind (never its key, token or secret)",
  async run(argv, { orm, out }) {
    const args = parseArgs(argv, ['unit']);
    if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
    const code = args.options.get('unit')?.[0];
    const em = orm.em.fork();
    const robots = await em.find(UnitRobot, { active: true, ...(code ? { unit: { code } } : {}) }, { populate: ['unit'], orderBy: { createdAt: 'asc' } });
    for (const r of robots) out(`${r.id}\t${r.unit.code}\t${r.kind}\t${describeUrl(r.url)}\t${r.secret ? 'signed' : 'unsigned'}`);
    if (robots.length === 0) out('no robots');
    return 0;
  },
};

export const unitRobotRemove: CliCommand = {
  name: 'unit:robot-remove',
  usage: 'unit:robot-remove <robot id>',
  summary: 'stop sending to a group robot (messages not yet sent to it fail as removed)',
  async run(argv, { orm, config, out }) {
    const args = parseArgs(argv, []);
    const [id, extra] = args.positional;
    if (!id || extra !== undefined) throw new UsageError('exactly one robot id is required (see unit:robot-list)');
    await inTransaction(orm.em, async ({ em }) => {
      const robot = /^[0-9a-f-]{36}$/i.test(id) ? await em.findOne(UnitRobot, { id, active: true }, { populate: ['unit'] }) : null;
      if (!robot) throw new UsageError(`no active robot ${id}`);
      robot.active = false;
      await new AuditService(config).append(em, { actor: auditActor('cli'), action: 'unit.robot_removed', data: { unit: robot.unit.code, robot: robot.id, kind: robot.kind } });
    });
    out(`robot removed: ${id}`);
    return 0;
  },
};
