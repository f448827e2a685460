// The build passed. Check that both kinds of tests really ran, so that a passing build cannot mean
// that Failsafe skipped the broker test (the defect this project guards against).
def unit = new File(basedir, 'target/surefire-reports/TEST-com.example.orders.OrdersServiceTest.xml')
def broker = new File(basedir, 'target/failsafe-reports/TEST-com.example.orders.OrdersServiceIT.xml')
assert unit.isFile() : 'the in-memory test did not run'
assert broker.isFile() : 'the broker test did not run'
assert broker.text.contains('tests="1"') && broker.text.contains('failures="0"') && broker.text.contains('errors="0"')
return true
