import { EntityManager } from '@mikro-orm/core';
import { sql } from '../audit/raw-sql';

export interface ClientUnit {
  id: string;
  code: string;
}

/** The units an API client may submit for, read in one plain statement (each submission reads them afresh). */
export function clientUnits(em: EntityManager, clientId: string): Promise<ClientUnit[]> {
  return sql<ClientUnit>(em, 'select u.id, u.code from api_client_units cu join units u on u.id = cu.unit_id where cu.api_client_id = ?', [clientId]);
}
