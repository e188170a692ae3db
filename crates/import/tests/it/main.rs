mod irc;
