# Drives an interactive program through a pseudo-terminal, expect-style: for
# each step, types `send` (keys, control characters, escape sequences) and
# waits until the output since that step matches the `expect` regex.
# Usage: python3 pty_session.py STEPS_JSON PROGRAM ARGS...   (exit 0 = all matched)
import json, os, pty, re, select, sys, time

steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.environ.update({'PS1': '$ ', 'TERM': 'dumb', 'PATH': '/usr/bin:/bin'})
    os.execvp(sys.argv[2], sys.argv[2:])

transcript = b''
def read_until(pattern, timeout):
    global transcript
    start = len(transcript)
    end = time.time() + timeout
    rx = re.compile(pattern.encode(), re.S)
    while time.time() < end:
        if rx.search(transcript, start):
            return True
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            transcript += chunk
    return bool(rx.search(transcript, start))

ok = read_until(r'\$ $', 30)
failed = None if ok else 'initial prompt'
for i, step in enumerate(steps):
    if failed:
        break
    time.sleep(step.get('pause', 0))
    os.write(fd, step['send'].encode())
    if not read_until(step['expect'], step.get('timeout', 30)):
        failed = f"step {i}: sent {step['send']!r}, expected /{step['expect']}/"
try:
    os.kill(pid, 9)
except OSError:
    pass
print(json.dumps({'failed': failed, 'transcript': transcript.decode(errors='replace')}))
sys.exit(1 if failed else 0)
