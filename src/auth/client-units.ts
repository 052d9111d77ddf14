import { EntityManager } from '@mikro-orm/core';
import { sql } from '../database/raw-sql';

export interface ClientUnit {
  id: string;
  code: string;
}

interface ClientUnitRow {
  id: string;
  name: string;
  active: boolean | number;
  unit_id: string | null;
  unit_code: string | null;
}

/** The client holding the API key whose hash is given, a row per unit it is registered for (one with null units if none). */
export function clientByKey(em: EntityManager, keyHash: string): Promise<ClientUnitRow[]> {
  return sql<ClientUnitRow>(
    em,
    `select c.id, c.name, c.active, u.id as unit_id, u.code as unit_code from api_clients c
       left join api_client_units cu on cu.api_client_id = c.id left join units u on u.id = cu.unit_id where c.key_hash = ?`,
    [keyHash],
  );
}
