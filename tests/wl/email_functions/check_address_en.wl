// EmailCheckAddress, EmailGetTimeOut / EmailSetTimeOut with readable durations, priority constants
Info(EmailCheckAddress("ann@example.com") = emailAddressValid)
Info(EmailCheckAddress("ann@example.com", emailValidateSyntax) = emailAddressValid)
Info(EmailCheckAddress("ann.example.com") = emailAddressIncorrectSyntax)
Info(EmailCheckAddress("ann@localhost") = emailAddressIncorrectSyntax)
Info(EmailCheckAddress("some..one@example.com") = emailAddressIncorrectSyntax)
Info(EmailCheckAddress("ann@exa_mple.com") = emailAddressIncorrectSyntax)
Info(EmailCheckAddress("Ann <ann@example.com>") = emailAddressIncorrectSyntax)
Info(EmailCheckAddress("zoé@exemple.fr") = emailAddressValid)
Info(EmailGetTimeOut())
EmailSetTimeOut("30 s")
Info(EmailGetTimeOut())
EmailSetTimeOut("1 min 30 s")
Info(EmailGetTimeOut())
EmailSetTimeOut(45)
Info(EmailGetTimeOut())
m is Email
m.Priority = emailHighPriority
Info(m.Priority = emailPriorityHigh, emailNormalPriority, emailLowPriority)
