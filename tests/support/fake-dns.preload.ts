// `node --import tsx --import ./tests/support/fake-dns.preload.ts …`: the child process resolves the
// names in LANGNGHE_TEST_HOSTS (JSON of FakeHosts) as the test says; every other name as usual.
import { FAKE_HOSTS_ENV, installFakeHosts, type FakeHosts } from './fake-dns.js';

const hosts = process.env[FAKE_HOSTS_ENV];
if (hosts) installFakeHosts(JSON.parse(hosts) as FakeHosts);
