import { webRoot } from './web-root';

describe('webRoot', () => {
  it('serves everything from beside the compiled module', () => {
    expect(webRoot('/srv/clearance/dist/src/web', '/srv/clearance/dist/src/web/web-root.js')).toEqual({
      pageDir: '/srv/clearance/dist/src/web/public',
      scriptDir: '/srv/clearance/dist/src/web/public/js',
    });
  });

  it('takes the browser modules from dist when run from the TypeScript sources', () => {
    expect(webRoot('/repo/src/web', '/repo/src/web/web-root.ts')).toEqual({ pageDir: '/repo/src/web/public', scriptDir: '/repo/dist/src/web/public/js' });
  });
});
