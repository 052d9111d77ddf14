import { SchemaMigration } from './schema-migration';

/**
 * Reviewer sessions (one row per sign-in: the token's `sid`, ended by logout, a password change, a reset or
 * a deactivation) and users' e-mail addresses for notifications.
 */
export class Migration20261204020000SessionsAndPeople extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .alterTable('users', (t) => {
          t.string('email', 320).nullable();
        })
        .createTable('user_sessions', (t) => {
          t.string('id', 36).primary();
          t.string('user_id', 36).notNullable().references('users.id');
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.timestamp('renewed_at', { useTz: true }).notNullable();
          t.timestamp('expires_at', { useTz: true }).notNullable();
          t.timestamp('ended_at', { useTz: true }).nullable();
          t.string('end_reason', 32).nullable();
          t.string('address', 64).nullable();
          t.index(['user_id', 'ended_at']);
        }),
    );
  }
}
