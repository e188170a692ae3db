mod writeup;
