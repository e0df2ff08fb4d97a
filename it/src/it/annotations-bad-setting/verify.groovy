// The build must have failed on the processor's error, reported at the alpha value, and written no descriptor.
def log = new File(basedir, 'build.log').getText('UTF-8')

def message = "distill: alpha = 1.5 is outside [0, 1]: alpha weighs the teacher's soft targets against the gold labels"
assert log.contains(message) : "build.log lacks the processor's message: ${message}"
// maven-compiler-plugin prints javac's position as [line,column]: line 12, column 17 is the value 1.5.
assert log.contains('Sentiment.java:[12,17] ' + message) : 'the error is not reported at the alpha value (12:17)'
assert log.contains('BUILD FAILURE')

def descriptors = new File(basedir, 'target/classes/META-INF/distill/descriptors')
assert !descriptors.exists() || descriptors.list().length == 0 : "a descriptor was written: ${descriptors.list()}"
return true
