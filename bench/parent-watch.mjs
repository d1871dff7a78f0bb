// Preloaded into the servers the benchmark starts (node --import): if the benchmark dies without
// stopping them (kill -9, a crash), the server notices it was orphaned and stops itself.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    setTimeout(() => process.exit(1), 10_000).unref();
    process.kill(process.pid, 'SIGTERM');
  }
}, 1_000).unref();
