// exit: 1
// A class that holds an object of itself (not dynamic) is refused before it runs.
cNode is Class
	m_next is cNode
END
n is cNode
