#!/bin/sh
# check-potfiles.sh SOURCE_ROOT
#
# Every source file with translatable strings must be listed in po/POTFILES, and
# every listed file must exist; otherwise strings silently miss translation.
set -eu

root=$1
potfiles="$root/po/POTFILES"
status=0

listed=$(grep -v '^#' "$potfiles" | grep -v '^$' | sort)

for file in $listed; do
  if [ ! -f "$root/$file" ]; then
    echo "po/POTFILES lists $file, which does not exist"
    status=1
  fi
done

cd "$root"
marked=$( {
  grep -rlE '(^|[^A-Za-z0-9_])N?_ ?\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' data --include='*.ui' --include='*.xml' --include='*.in' || true
  grep -rlE '^_?(Name|GenericName|Comment|Keywords)=' data --include='*.desktop.in' || true
} | sort -u)

for file in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$file"; then
    echo "$file has translatable strings but is missing from po/POTFILES"
    status=1
  fi
done

[ $status -eq 0 ] && echo "po/POTFILES lists all $(printf '%s\n' "$listed" | wc -l) files with translatable strings"
exit $status
