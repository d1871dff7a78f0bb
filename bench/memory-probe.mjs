// Preloaded into the server under test (node --import) when BENCH_MEMORY_FILE is set: writes the
// process's own view of its memory there every 50 ms, so the benchmark can split the RSS it reads
// from /proc into the JavaScript heap, the rest of the anonymous memory (native) and mapped files.
import { writeFileSync, renameSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  const write = () => {
    const { heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify({ heapTotal, heapUsed, external, arrayBuffers }));
      renameSync(`${file}.tmp`, file);
    } catch {
      // the benchmark removed its temporary folder: nothing to report to
    }
  };
  write();
  setInterval(write, 50).unref();
}
