import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Unit } from '../../auth/entities/unit.entity';
import { SealedStringType } from '../../auth/secrets/sealed-types';

export const ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];

/** A unit's group robot (企业微信 / 钉钉 / 飞书 群机器人) that hears the unit's notifications. */
@Entity({ tableName: 'unit_robots' })
@Index({ properties: ['unit', 'active'] })
export class UnitRobot {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Unit)
  unit!: Unit;

  @Property({ type: 'string', length: 16 })
  kind!: RobotKind;

  /** The robot's webhook URL; its key or access token is part of it, so it is sealed like a secret. */
  @Property({ type: new SealedStringType('robot-secret'), length: 4000, hidden: true })
  url!: string;

  /** The signing secret (DingTalk 加签, Feishu 签名校验), sealed; null when the robot does not sign. */
  @Property({ type: new SealedStringType('robot-secret'), length: 1000, nullable: true, hidden: true })
  secret?: string | null;

  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
