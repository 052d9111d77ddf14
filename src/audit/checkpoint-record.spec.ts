import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointBody, checkpointFileName, checkpointHash, CheckpointFileError, CheckpointRecord, exportCheckpoint, readCheckpointDir, signedText } from './checkpoint-record';
import { generateSigningKey, loadPublicKey, loadSigningKey, signatureHolds, signText } from './checkpoint-signing';

describe('checkpoint records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearance-checkpoints-'));
  const key = generateSigningKey();
  writeFileSync(join(dir, 'k'), key.privatePem, { mode: 0o600 });
  writeFileSync(join(dir, 'k.pub'), key.publicPem);
  const signing = loadSigningKey(join(dir, 'k'));
  const body = checkpointBody({ number: 1, createdAt: new Date('2026-11-30T08:00:00Z'), algorithm: 'sha256', firstSeq: 1, lastSeq: 9, events: 9, root: 'a'.repeat(64), prevHash: '0'.repeat(64), keyId: signing.keyId });
  const sut: CheckpointRecord = { ...body, hash: checkpointHash(body), signature: signText(signedText(body), signing) };

  it('are signed over their canonical body with Ed25519, and the signature names the key', () => {
    expect(sut.keyId).toBe(key.keyId);
    expect(signatureHolds(signedText(body), sut.signature!, loadPublicKey(join(dir, 'k.pub')))).toBe(true);
    expect(signatureHolds(signedText({ ...body, events: 8 }), sut.signature!, loadPublicKey(join(dir, 'k.pub')))).toBe(false);
  });

  it('are exported as one file each, read back as written, and never overwritten', () => {
    const out = join(dir, 'out');
    expect(exportCheckpoint(out, sut)).toBe('written');
    expect(exportCheckpoint(out, sut)).toBe('present');
    expect(() => exportCheckpoint(out, { ...sut, root: 'b'.repeat(64) })).toThrow(CheckpointFileError);
    expect(JSON.parse(readFileSync(join(out, checkpointFileName(1)), 'utf8')).root).toBe('a'.repeat(64));
    expect(readCheckpointDir(out)).toEqual({ records: new Map([[1, sut]]), problems: [] });
  });

  it('report a file that is not a checkpoint instead of skipping it', () => {
    const out = join(dir, 'bad');
    exportCheckpoint(out, sut);
    writeFileSync(join(out, checkpointFileName(2)), '{"format":"something else"}\n');
    expect(readCheckpointDir(out).problems).toEqual([`exported checkpoint file ${checkpointFileName(2)} is not a checkpoint: format is not clearance-audit-checkpoint/1`]);
  });
});
