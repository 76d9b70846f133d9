// EmailVérifieAdresse, EmailLitTimeOut / EmailChangeTimeOut, constantes de priorité
Info(EmailVérifieAdresse("anne@exemple.fr") = emailAdresseValide)
Info(EmailVérifieAdresse("anne@exemple.fr", emailValideSyntaxe) = emailAdresseValide)
Info(EmailVérifieAdresse("anne.exemple.fr") = emailAddressIncorrectSyntax)
Info(EmailVérifieAdresse("anne@@exemple.fr") = emailAddressIncorrectSyntax)
Info(EmailLitTimeOut())
EmailChangeTimeOut("2 min")
Info(EmailLitTimeOut())
EmailChangeTimeOut("500 ms")
Info(EmailLitTimeOut())
m est un Email
m.Priorité = emailPrioritéHaute
Info(m.Priorité = emailHighPriority)
