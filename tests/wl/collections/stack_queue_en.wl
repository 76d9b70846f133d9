// Stacks (last in, first out) and queues (first in, first out).
pending is stack of string
Push(pending, "first")
Push(pending, "second")
Push(pending, "third")
Trace("count: " + pending..Count + ", empty: " + pending..Empty)
FOR EACH s OF pending
	Trace("on the stack: " + s)
END
top is string
WHILE Pop(pending, top)
	Trace("popped " + top)
END
Trace("empty now: " + pending..Empty + ", pop again: " + Pop(pending, top) + ", still " + top)
inbox is queue of int
Enqueue(inbox, 10)
Enqueue(inbox, "20")
Enqueue(inbox, 30)
FOR EACH n OF inbox
	Trace("queued " + n)
END
x is int
WHILE Dequeue(inbox, x)
	Trace("dequeued " + x)
END
Trace(ArrayCount(inbox))
