// Preloaded (`node --import`) into a measured child when /usr/bin/time is not there: the child reports
// its own peak RSS on the way out, on stderr, where the bench looks for it.
process.on('exit', () => {
  process.stderr.write(`\nEDGELINT_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
