# Runs a command on a fresh pseudo-terminal, expect-style, and reports how it
# ended: for each step, optionally sends a signal to the command, types `send`,
# and waits until the output since that step matches `expect`. Then waits for
# the command to exit and reads the terminal's modes, to tell whether the
# command left it in canonical mode with echo (its raw mode undone).
# Usage: python3 pty_boot.py STEPS_JSON PROGRAM ARGS...  -> JSON on stdout
import fcntl, json, os, pty, re, select, signal, struct, sys, termios, time

steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.environ.update({'TERM': 'vt100'})
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
    os.execvp(sys.argv[2], sys.argv[2:])

transcript = b''
def pump(timeout):
    global transcript
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    transcript += chunk
    return bool(chunk)

def read_until(pattern, timeout):
    start = len(transcript)
    end = time.time() + timeout
    rx = re.compile(pattern.encode(), re.S)
    while time.time() < end:
        if rx.search(transcript, start):
            return True
        if not pump(0.05):
            break
    return bool(rx.search(transcript, start))

failed = None
for i, step in enumerate(steps):
    if 'signal' in step:
        os.kill(pid, getattr(signal, step['signal']))
    if 'send' in step:
        os.write(fd, step['send'].encode())
    if 'expect' in step and not read_until(step['expect'], step.get('timeout', 120)):
        failed = f"step {i}: sent {step.get('send')!r}, expected /{step['expect']}/"
        break

status = None
if failed is None:
    end = time.time() + 120
    while time.time() < end:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(st)
            break
        pump(0.05)
    if status is None:
        failed = 'the command did not exit'
modes = None
try:
    attrs = termios.tcgetattr(fd)
    modes = {'icanon': bool(attrs[3] & termios.ICANON), 'echo': bool(attrs[3] & termios.ECHO), 'onlcr': bool(attrs[1] & termios.ONLCR)}
except termios.error:
    pass
if status is None:
    try:
        os.kill(pid, 9)
    except OSError:
        pass
print(json.dumps({'failed': failed, 'status': status, 'modes': modes, 'transcript': transcript.decode(errors='replace')}))
