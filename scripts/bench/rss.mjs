// Preloaded (`node --import`) into a measured child when /usr/bin/time is not there: the child reports
// its own CPU time and peak RSS on the way out, on stderr, where the bench looks for them.
process.on('exit', () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  process.stderr.write(`\nEDGELINT_BENCH_USAGE=${JSON.stringify({ userCPUTime, systemCPUTime, maxRSS })}\n`);
});
