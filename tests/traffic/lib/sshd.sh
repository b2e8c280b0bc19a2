# sshd inside a namespace, with its own host key and a private user "isuser" (password in
# SSH_PASSWORD). The user exists only in a mount namespace of sshd (bind-mounted passwd/shadow
# copies), so the machine's accounts are never touched.
SSH_PASSWORD="correct-horse-77"

# sshd_start NAME ADDR: sshd listening on ADDR:22 inside host namespace NAME.
sshd_start() {
  local name="$1" addr="$2" dir="$NETNS_LOG_DIR/sshd-$1"
  mkdir -p "$dir"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
  cp /etc/passwd "$dir/passwd"; cp /etc/shadow "$dir/shadow"
  echo "isuser:x:4242:4242:IntStream test user:/:/bin/sh" >>"$dir/passwd"
  echo "isuser:$(openssl passwd -6 -salt intstream "$SSH_PASSWORD"):19000:0:99999:7:::" >>"$dir/shadow"
  cat >"$dir/sshd_config" <<CFG
ListenAddress $addr
Port 22
HostKey $dir/host_ed25519
PidFile none
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication no
PermitRootLogin no
AllowUsers isuser
StrictModes no
MaxStartups 200
MaxAuthTries 3
LogLevel ERROR
CFG
  netns_bg "$name" "sshd-$name" unshare -m bash -c '
    set -e
    mount --bind "$1/passwd" /etc/passwd
    mount --bind "$1/shadow" /etc/shadow
    mkdir -p "$1/privsep"
    mount --bind "$1/privsep" /run 2>/dev/null || true
    mkdir -p /run/sshd
    exec /usr/sbin/sshd -D -e -f "$1/sshd_config"' _ "$dir"
  wait_port "$name" tcp 22
}

# ssh_attempt NAME ADDR PASSWORD: one password login from namespace NAME; fails quietly.
ssh_attempt() {
  netns_exec "$1" timeout 15 sshpass -p "$3" ssh -q -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o PreferredAuthentications=password -o PubkeyAuthentication=no \
    -o NumberOfPasswordPrompts=1 -o ConnectTimeout=5 "isuser@$2" true
}
