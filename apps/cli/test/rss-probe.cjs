// Preloaded (node -r) by the size-limit tests: reports the process's peak memory and CPU time.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(
    `\nprobe: maxrss ${u.maxRSS * 1024} cpu ${(u.userCPUTime + u.systemCPUTime) / 1e6}\n`,
  );
});
