// The build must have failed on the teacher model named by -Ddistill.teacher.model, and packaged no student.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }
assert errors.any { it.contains('missing/model.onnx') } : "no [ERROR] line names missing/model.onnx:\n${errors.join('\n')}"

def distill = new File(basedir, 'target/classes/META-INF/distill')
assert distill.list() as List == ['descriptors'] : "besides the descriptors, ${distill} holds ${distill.list()}"
return true
