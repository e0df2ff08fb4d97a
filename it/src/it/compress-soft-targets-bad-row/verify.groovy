// The engine's JVM read the Parquet folder (the reader came with the plugin's dependency) and refused its second row,
// whose sha256 is not its text's, naming the folder, the file and the row; no student was packaged.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
assert !log.contains('no soft-target reader') : 'the reader was not on the engine class path'
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }
assert errors.any { it.contains('data.softTargets') && it.contains('part-00000.parquet row 2: sha256') && it.contains('is not the SHA-256 of its text') } : "no [ERROR] line names the bad row:\n${errors.join('\n')}"

def distill = new File(basedir, 'target/classes/META-INF/distill')
assert distill.list() as List == ['descriptors'] : "besides the descriptors, ${distill} holds ${distill.list()}"
return true
