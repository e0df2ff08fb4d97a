// The build must have failed on the teacher artifact's coordinates, saying that they cannot be resolved.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
def coordinates = 'dev.distill.nonexistent:no-such-teacher:9.9.9'
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }
assert errors.any { it.contains(coordinates) && it.contains('cannot resolve') } :
        "no [ERROR] line says that ${coordinates} cannot be resolved:\n${errors.join('\n')}"

def distill = new File(basedir, 'target/classes/META-INF/distill')
assert distill.list() as List == ['descriptors'] : "besides the descriptors, ${distill} holds ${distill.list()}"
return true
