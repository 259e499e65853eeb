# zsh -f tests/zsh_complete.zsh COMPDIR BINDIR OUT LINE TABS: types LINE, then TAB TABS times, in a real
# interactive zsh (compinit, TAB bound to menu-complete: each TAB inserts the next match) on a
# pseudo-terminal (zsh/zpty), and writes the command line after each TAB to OUT, one line each.
zmodload zsh/zpty
local compdir=$1 bindir=$2 out=$3 line=$4 tabs=$5
: > $out
zpty z zsh -f -i
zpty -w z "PS1='%% '; PATH=${(q)bindir}:\$PATH; fpath=(${(q)compdir} \$fpath); autoload -U compinit; compinit -u -D; setopt menu_complete; unsetopt beep; bindkey "^I" menu-complete"
zpty -w z "dump() { print -r -- \"\$BUFFER\" >> ${(q)out} }; zle -N dump; bindkey '^X' dump; print READY\$((40+2))"
local l
zpty -r z l '*READY42*'   # setup done (the echoed command shows READY$((40+2)), not this)
zpty -r z l '*% '         # and zle is reading: the prompt is drawn (typeahead before it could be dropped)
local keys=$line i
for (( i = 0; i < tabs; i++ )); do keys+=$'\t\C-x'; done
zpty -w -n z "$keys"
local n=0
for (( i = 0; i < 400; i++ )); do
  n=$(wc -l < $out)
  (( n >= tabs )) && break
  sleep 0.05
done
zpty -d z
