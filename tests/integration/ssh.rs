//! End to end over real SSH: a private `sshd` on a loopback port runs byline for `ssh -tt`.
//!
//! Everything lives in a temp dir: the host key, the user key, `sshd_config`, the pid file and
//! the log. The client runs in a pseudo-terminal ([`Session`]), so byline draws through sshd's
//! own pty and the ssh connection, and keys typed here travel the same way. The remote command
//! writes its shell's pid before `exec`ing byline, so the test knows which process on this
//! machine is the remote byline, to watch it after the connection drops.
//!
//! sshd must be installed: outside CI a missing `/usr/sbin/sshd` skips these tests; in CI (`CI`
//! set, as `.ci/run` does, after installing openssh-server) it is a failure.

use std::fs;
use std::io::Read;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use tempfile::TempDir;

use crate::TempLibrary;
use crate::pty::{COLS, ROWS, Session};

/// sshd refuses to start unless it is run by its absolute path.
const SSHD: &str = "/usr/sbin/sshd";

/// How long sshd may take to listen, and the remote byline to write its pid.
const DEADLINE: Duration = Duration::from_secs(20);

/// How soon byline must end once its SSH connection is gone (issue 14).
const EXIT_AFTER_DROP: Duration = Duration::from_secs(2);

/// The most CPU time byline may use between the drop and its exit.
///
/// The issue asks for none: the loop wakes on the SIGHUP, the key reader stops on the hang-up
/// (it no longer asks crossterm, which spins on one: crossterm #793), and byline saves and ends,
/// in 5 ms and 0-10 ms of CPU in a debug build (the kernel counts CPU in 10 ms ticks). Before,
/// the key reader spun a core for the 0.2-0.45 s the loop took to notice. The bound leaves room
/// for a slow disk, not for a spin.
const CPU_WHILE_EXITING: Duration = Duration::from_millis(100);

/// A private sshd on a loopback port, killed when dropped (a failed test included).
struct Sshd {
    dir: TempDir,
    port: u16,
    child: std::process::Child,
}

impl Sshd {
    /// Starts sshd, or returns `None` (outside CI) when it is not installed.
    fn start() -> Option<Self> {
        if !Path::new(SSHD).exists() {
            if std::env::var_os("CI").is_some() {
                panic!("{SSHD} is missing in CI (.ci/run installs openssh-server)");
            }
            eprintln!("skipped: {SSHD} not found (install openssh-server to run the SSH tests)");
            return None;
        }
        // The privilege separation directory, which a root sshd requires.
        if is_root() {
            fs::create_dir_all("/run/sshd").expect("create /run/sshd");
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        keygen(&d.join("host_key"));
        keygen(&d.join("user_key"));
        fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).expect("authorized_keys");
        let port = free_port();
        fs::write(
            d.join("sshd_config"),
            format!(
                "ListenAddress 127.0.0.1\n\
                 Port {port}\n\
                 HostKey {host_key}\n\
                 PidFile {pid}\n\
                 AuthorizedKeysFile {keys}\n\
                 StrictModes no\n\
                 UsePAM no\n\
                 PubkeyAuthentication yes\n\
                 PasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\n\
                 PermitRootLogin prohibit-password\n\
                 PermitTTY yes\n\
                 PrintMotd no\n\
                 PrintLastLog no\n\
                 UseDNS no\n",
                host_key = d.join("host_key").display(),
                pid = d.join("sshd.pid").display(),
                keys = d.join("authorized_keys").display(),
            ),
        )
        .expect("write sshd_config");
        let log = fs::File::create(d.join("sshd.log")).expect("sshd log");
        let child = Command::new(SSHD)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(d.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start sshd");
        let mut sshd = Self { dir, port, child };
        sshd.wait_until_listening();
        Some(sshd)
    }

    fn wait_until_listening(&mut self) {
        let start = Instant::now();
        while TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("sshd exited ({status}):\n{}", self.log());
            }
            assert!(
                start.elapsed() < DEADLINE,
                "sshd never listened:\n{}",
                self.log()
            );
            thread::sleep(Duration::from_millis(25));
        }
    }

    fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }

    /// `ssh -tt` to this sshd as the current user, running `remote` there, in a pty.
    fn connect(&self, home: &Path, remote: &str) -> Session {
        let mut command = CommandBuilder::new("ssh");
        command.args(["-tt", "-F", "/dev/null", "-i"]);
        command.arg(self.dir.path().join("user_key"));
        command.args(["-p", &self.port.to_string()]);
        for option in [
            "StrictHostKeyChecking=no",
            "UserKnownHostsFile=/dev/null",
            "BatchMode=yes",
            "IdentitiesOnly=yes",
            "LogLevel=ERROR",
        ] {
            command.args(["-o", option]);
        }
        command.arg(format!("{}@127.0.0.1", user()));
        command.arg(remote);
        Session::spawn(command, home, (ROWS, COLS))
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Writes an ed25519 key pair without a passphrase: `path` and `path.pub`.
fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-N", "", "-t", "ed25519", "-f"])
        .arg(path)
        .stdin(Stdio::null())
        .status()
        .expect("run ssh-keygen");
    assert!(status.success(), "ssh-keygen failed");
}

/// A loopback port nobody listens on (free when asked; sshd takes it a moment later).
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind port 0");
    listener.local_addr().expect("local address").port()
}

fn is_root() -> bool {
    // SAFETY: geteuid(2) has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// The current user's name, to log in as.
fn user() -> String {
    let out = Command::new("id").arg("-un").output().expect("run id -un");
    String::from_utf8(out.stdout)
        .expect("user name")
        .trim()
        .to_string()
}

/// `text` quoted for a POSIX shell.
fn quote(text: &Path) -> String {
    format!("'{}'", text.display().to_string().replace('\'', r"'\''"))
}

/// The command sshd's shell runs: note its pid in `pid_file`, then become byline on `library`
/// with `home`'s folders (as `crate::byline` sets them), so the pid is byline's.
fn remote_byline(home: &Path, library: &Path, pid_file: &Path) -> String {
    format!(
        "echo $$ > {pid}; exec env HOME={home} XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} \
         TERM=xterm-256color {byline} -L {library}",
        pid = quote(pid_file),
        home = quote(home),
        data = quote(&home.join("data")),
        config = quote(&home.join("config")),
        byline = quote(Path::new(env!("CARGO_BIN_EXE_byline"))),
        library = quote(library),
    )
}

/// The two articles of `pty::filter_open_read_and_quit`, in a temp dir that is the remote
/// byline's home too.
///
/// On a tmpfs when there is one: byline syncs its state to disk as it closes, and on a disk
/// shared with builds that alone took up to 1.5 s, which would be measured as its exit time.
fn news() -> TempLibrary {
    let shm = Path::new("/dev/shm");
    let lib = if shm.is_dir() {
        TempLibrary::new_in(shm)
    } else {
        TempLibrary::new()
    };
    lib.article(
        "news/harbour.txt",
        "Night ferry returns to the harbour",
        "Ada Quinn",
        "3 March 2021",
        "The ferry sailed at midnight, its first crossing in nine years.\n\nPassengers cheered.",
    );
    lib.article(
        "news/tram.txt",
        "City tram line reaches the hospital",
        "Bo Okafor",
        "9 July 2019",
        "The tram arrived on time.",
    );
    lib
}

/// What `/proc/PID/stat` says of a process: whether it still runs (not a zombie), and the CPU
/// time it has used (user + system). `None` once it is gone.
fn process_stat(pid: u32) -> Option<(bool, Duration)> {
    let mut stat = String::new();
    fs::File::open(format!("/proc/{pid}/stat"))
        .ok()?
        .read_to_string(&mut stat)
        .ok()?;
    // The command name, in parentheses, may hold spaces: the fields start after its `)`.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    // proc(5) numbers state 3, utime 14 and stime 15; here state is 0.
    let running = fields[0] != "Z" && fields[0] != "X";
    let ticks = fields[11].parse::<u64>().ok()? + fields[12].parse::<u64>().ok()?;
    // SAFETY: sysconf(3) has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Some((running, Duration::from_millis(ticks * 1000 / per_second)))
}

/// Waits for `path` to hold a pid.
fn read_pid(path: &Path, session: &Session) -> u32 {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if let Ok(pid) = fs::read_to_string(path).unwrap_or_default().trim().parse() {
            return pid;
        }
        thread::sleep(Duration::from_millis(25));
    }
    panic!(
        "the remote shell never wrote its pid:\n{}",
        session.contents()
    );
}

/// Kills the remote byline should the test fail before it ends by itself.
struct RemoteByline(u32);

impl Drop for RemoteByline {
    fn drop(&mut self) {
        let exe = fs::read_link(format!("/proc/{}/exe", self.0));
        if exe.is_ok_and(|exe| exe == Path::new(env!("CARGO_BIN_EXE_byline"))) {
            // SAFETY: kill(2) on the pid of the byline this test started, checked just above.
            unsafe { libc::kill(self.0 as libc::pid_t, libc::SIGKILL) };
        }
    }
}

/// What `byline list --starred` prints for `library`, with the state kept under `home`.
fn starred(home: &Path, library: &Path) -> String {
    let args = ["list", "--starred", "-L", library.to_str().unwrap()];
    String::from_utf8_lossy(&crate::byline(home, &args).stdout).into_owned()
}

#[test]
fn filter_read_star_and_quit_over_ssh() {
    let Some(sshd) = Sshd::start() else { return };
    let lib = news();
    let home = lib.path();
    let library = home.join("news");
    let pid_file = home.join("byline.pid");
    let mut session = sshd.connect(home, &remote_byline(home, &library, &pid_file));
    let _remote = RemoteByline(read_pid(&pid_file, &session));
    session.wait_for("1/2 · 2 articles");

    crate::pty::filter_the_ferry_and_read_it(&mut session);
    session.send("*");
    session.wait_for("★ Night ferry returns");

    session.send("q");
    // ssh exits with the remote command's status.
    assert!(
        session.wait_exit(),
        "byline over ssh exits with success; sshd says:\n{}",
        sshd.log()
    );
    assert!(
        !session.screen.lock().unwrap().screen().alternate_screen(),
        "left the alternate screen"
    );
    let starred = starred(home, &library);
    assert!(
        starred.contains("Night ferry returns to the harbour"),
        "{starred}"
    );
    assert!(!starred.contains("City tram line"), "{starred}");
}

#[test]
fn a_dropped_connection_ends_byline_at_once_without_spinning_and_keeps_the_star() {
    let Some(sshd) = Sshd::start() else { return };
    let lib = news();
    let home = lib.path();
    let library = home.join("news");
    let pid_file = home.join("byline.pid");
    let mut session = sshd.connect(home, &remote_byline(home, &library, &pid_file));
    let pid = read_pid(&pid_file, &session);
    let _remote = RemoteByline(pid);
    session.wait_for("1/2 · 2 articles");
    // The newest, the ferry, is selected.
    session.send("*");
    session.wait_for("★ Night ferry returns");

    // Drop the connection: the client dies without a word of SSH (its kernel closes the
    // socket), as when the terminal window that ran ssh is killed. sshd then closes byline's
    // pty, which hangs up.
    let (_, cpu_before) = process_stat(pid).expect("the remote byline runs");
    let client = session.child.process_id().expect("ssh's pid");
    // SAFETY: kill(2) on the pid of the ssh client this test started and has not reaped.
    assert_eq!(
        unsafe { libc::kill(client as libc::pid_t, libc::SIGKILL) },
        0
    );
    let dropped = Instant::now();
    // The CPU time last seen: a zombie still shows its own, a reaped process nothing.
    let mut cpu_after = cpu_before;
    let exited = loop {
        match process_stat(pid) {
            Some((running, cpu)) => {
                cpu_after = cpu;
                if !running {
                    break dropped.elapsed();
                }
            }
            None => break dropped.elapsed(),
        }
        assert!(
            dropped.elapsed() < DEADLINE,
            "the remote byline still runs {DEADLINE:?} after the connection dropped, having \
             used {:?} of CPU meanwhile; sshd says:\n{}",
            cpu_after - cpu_before,
            sshd.log()
        );
        thread::sleep(Duration::from_millis(5));
    };
    let cpu = cpu_after - cpu_before;
    eprintln!("byline exited {exited:?} after the connection dropped, using {cpu:?} of CPU");
    assert!(
        exited < EXIT_AFTER_DROP,
        "byline took {exited:?} to exit after the connection dropped"
    );
    assert!(
        cpu <= CPU_WHILE_EXITING,
        "byline used {cpu:?} of CPU between the drop and its exit"
    );

    let starred = starred(home, &library);
    assert!(
        starred.contains("Night ferry returns to the harbour"),
        "the star was kept: {starred:?}"
    );
}
