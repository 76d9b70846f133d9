Greet("ann")
HReadFirst(CUSTOMER)
