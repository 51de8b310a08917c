# Cobertura input needs libxml2, loaded when the first Cobertura file is
# read: when it cannot be loaded, that input fails with exit 3 and the
# loader's message, and the old output is kept. Other formats never load it.
cp "$TD/cobertura/hand.xml" "$TD/lcov/small.info" .
echo old >out.info
COVKIT_LIBXML2=libcovkit-none.so covmerge -o out.info hand.xml
echo "exit $?"
cat out.info
COVKIT_LIBXML2=libcovkit-none.so covconv --to summary small.info >/dev/null
echo "lcov without libxml2: exit $?"
