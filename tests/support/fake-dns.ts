// Resolver answers chosen by a test, where a hosts entry would act: node:dns `lookup`, which every
// socket the app opens by name goes through (safe-fetch's guarded lookup calls it). Names not listed
// go to the real resolver. In a child process (the CLI), load fake-dns.preload.ts with `--import`.
import dns from 'node:dns';
import net from 'node:net';

/** Name -> the addresses the resolver answers, as written (any notation Node accepts as an IP). */
export type FakeHosts = Readonly<Record<string, readonly string[]>>;

/** The environment variable fake-dns.preload.ts reads (JSON of FakeHosts). */
export const FAKE_HOSTS_ENV = 'LANGNGHE_TEST_HOSTS';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Answers `hosts` from dns.lookup until the returned function is called. */
export function installFakeHosts(hosts: FakeHosts): () => void {
  const real = dns.lookup;
  const table = new Map(Object.entries(hosts).map(([name, addresses]) => [name.toLowerCase(), addresses]));
  const fake = (hostname: string, options: unknown, callback?: LookupCallback) => {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts: dns.LookupOptions = typeof options === 'number' ? { family: options } : typeof options === 'object' && options ? (options as dns.LookupOptions) : {};
    const answers = table.get(hostname.toLowerCase());
    if (!answers) return (real as unknown as (h: string, o: dns.LookupOptions, c: LookupCallback) => void)(hostname, opts, done);
    const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family;
    const list = answers.map((address) => ({ address, family: net.isIP(address.replace(/%.*$/, '')) })).filter((a) => !family || a.family === family);
    process.nextTick(() => {
      if (!list.length) return done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      if (opts.all) return done(null, list);
      done(null, list[0]!.address, list[0]!.family);
    });
  };
  dns.lookup = fake as unknown as typeof dns.lookup;
  return () => {
    dns.lookup = real;
  };
}
