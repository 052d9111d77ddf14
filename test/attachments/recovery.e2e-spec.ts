import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { EntityManager } from '@mikro-orm/core';
import { ReconcilerService } from '../../src/queue/reconciler.service';
import { QUEUES, scanJobId } from '../../src/queue/queues';
import { ScanReconciler } from '../../src/scan/scan-reconciler';
import { ApiWithWorkers, startApiWithWorkers } from '../support/api-with-workers';
import { itemBody } from '../support/fixtures';
import { waitFor } from '../support/test-app';
import { deleteRedisKeys } from '../support/test-config';
import { asJson, docxWithComment } from './attachment-files';

/** Attachment scans survive Redis losing its jobs and a worker killed in the middle of extraction (api in process, workers as real processes). */
describe('attachments: recovery of extraction', () => {
  let w: ApiWithWorkers;

  beforeAll(async () => {
    w = await startApiWithWorkers();
  });
  afterAll(() => w?.close());

  const startWorker = () => w.startWorker({ RECONCILE_INTERVAL_MS: '1000', EXTRACT_CONCURRENCY: '1' });
  const submit = async (externalId: string, files: number) => {
    const attachments = Array.from({ length: files }, (_, k) => asJson(`附件${k + 1}.docx`, docxWithComment(`第${k + 1}份材料：请按要求做好政务公开工作。`, `已核对第${k + 1}份`)));
    const response = await w.api.http.post('/api/v1/items').set('X-Api-Key', w.seeded.apiKey).send({ ...itemBody(w.seeded.unit, externalId), attachments }).expect(202);
    return response.body.id as string;
  };
  const queue = (name: string) => w.api.app.get<Queue>(getQueueToken(name));
  /** Exactly one transition to awaiting_filler, one scan, and every attachment's parts stored once. */
  const expectScannedOnce = async (id: string, files: number) => {
    const [{ n }] = await w.sql("select count(*) as n from audit_events where item_id = ? and to_state = 'awaiting_filler'", [id]);
    expect(Number(n)).toBe(1);
    const scans = await w.sql('select s.id, s.attachments from scans s join revisions r on r.id = s.revision_id where r.item_id = ?', [id]);
    expect(scans).toHaveLength(1);
    const summary = typeof scans[0].attachments === 'string' ? JSON.parse(scans[0].attachments) : scans[0].attachments;
    expect(summary).toHaveLength(files);
    const [{ parts }] = await w.sql('select count(distinct attachment_index) as parts from scan_parts where scan_id = ?', [scans[0].id]);
    expect(Number(parts)).toBe(files);
  };

  it('puts a revision with attachments back on the extract queue after Redis lost its jobs', async () => {
    const id = await submit('flushed', 2);
    const plain = (await w.api.http.post('/api/v1/items').set('X-Api-Key', w.seeded.apiKey).send(itemBody(w.seeded.unit, 'flushed-plain')).expect(202)).body.id as string;
    expect(await queue(QUEUES.extract).getJob(scanJobId(id, 1))).toBeDefined();
    await deleteRedisKeys(w.env.config.redis.url, `${w.env.config.queue.prefix}:*`);
    expect(await queue(QUEUES.extract).getJob(scanJobId(id, 1))).toBeUndefined();

    // The reconciler as a worker runs it, on this api's queues: each item's job goes back on its own queue.
    const em = w.api.app.get(EntityManager);
    const sut = new ScanReconciler(em, w.api.app.get(ReconcilerService), queue(QUEUES.scan), queue(QUEUES.extract));
    expect(await sut.reconcile()).toBe(2);
    expect(await queue(QUEUES.extract).getJob(scanJobId(id, 1))).toBeDefined();
    expect(await queue(QUEUES.scan).getJob(scanJobId(id, 1))).toBeUndefined();
    expect(await queue(QUEUES.scan).getJob(scanJobId(plain, 1))).toBeDefined();

    await deleteRedisKeys(w.env.config.redis.url, `${w.env.config.queue.prefix}:*`);
    const worker = startWorker();
    await waitFor(async () => ((await w.statesOf([id, plain])).every((st) => st === 'awaiting_filler') ? true : undefined), 60_000, 'both items scanned');
    await expectScannedOnce(id, 2);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it('finishes the scan exactly once after the worker is killed during extraction', async () => {
    const first = startWorker();
    // Twelve files, one extraction process each: long enough for the kill to land in the middle.
    const id = await submit('killed', 12);
    await waitFor(async () => ((await w.statesOf([id]))[0] === 'scanning' ? true : undefined), 30_000, 'the scan to start');
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await w.statesOf([id]))[0]).toBe('scanning');

    const second = startWorker();
    // The killed worker's job is taken over once its lock lapses (30 s) at the next stalled check.
    await waitFor(async () => ((await w.statesOf([id]))[0] === 'awaiting_filler' ? true : undefined), 90_000, 'the scan after the kill');
    await expectScannedOnce(id, 12);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 150_000);
});
