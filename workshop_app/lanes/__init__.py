"""The barrier lane, headless: camera -> trigger -> reader -> visit vote -> match -> one use
case that records the arrival (or exit) with the gate decision -> barrier.

* :mod:`.trigger` decides cheaply whether a frame is worth reading (movement in the scene);
* :mod:`.visit` turns the reads of one car into one vote and says when the car has left;
* :mod:`.expected` and :mod:`.match` find the booked / in-shop / known vehicle the vote is;
* :mod:`.passage` is the use case (record + decide in one transaction, then the barrier);
* :mod:`.lane` runs it all for one camera (``workshop lane``, or in-process in the demo).
"""
