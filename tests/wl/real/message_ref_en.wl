// a multilingual message reference reads as a placeholder naming it (check warns)
title is string = <§$0009§>
Trace(title)
Trace("Subject: " + <§@1dc26b98000150580002§>)
